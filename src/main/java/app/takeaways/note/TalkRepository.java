package app.takeaways.note;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface TalkRepository extends JpaRepository<Talk, Long> {

    Optional<Talk> findByTeamIdAndTitleKey(String teamId, String titleKey);
}
