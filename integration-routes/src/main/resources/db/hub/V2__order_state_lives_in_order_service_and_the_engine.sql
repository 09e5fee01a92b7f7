-- An order's state is order-service's record and its process's place in the engine; the hub keeps no copy.
drop table order_outcome;
