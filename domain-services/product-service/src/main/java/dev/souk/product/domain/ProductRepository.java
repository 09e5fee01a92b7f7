package dev.souk.product.domain;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface ProductRepository extends JpaRepository<Product, String> {

    Optional<Product> findByIdAndDeletedFalse(String id);

    boolean existsByIdAndDeletedFalse(String id);

    boolean existsByIdAndDeletedFalseAndActiveTrue(String id);

    Page<Product> findByDeletedFalseAndActiveTrue(Pageable pageable);

    Page<Product> findByCategoryAndDeletedFalseAndActiveTrue(String category, Pageable pageable);

    Page<Product> findByDeletedFalse(Pageable pageable);

    Page<Product> findByCategoryAndDeletedFalse(String category, Pageable pageable);
}
