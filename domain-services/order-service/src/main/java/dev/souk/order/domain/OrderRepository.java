package dev.souk.order.domain;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface OrderRepository extends JpaRepository<Order, String> {

    Page<Order> findByUserId(String userId, Pageable pageable);

    Page<Order> findByStatus(Order.Status status, Pageable pageable);

    Page<Order> findByUserIdAndStatus(String userId, Order.Status status, Pageable pageable);
}
