package app.takeaways.note;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface TakeawayRepository extends JpaRepository<Takeaway, Long> {

    @EntityGraph(attributePaths = {"talk", "links"})
    Optional<Takeaway> findWithDetailsById(Long id);
}
