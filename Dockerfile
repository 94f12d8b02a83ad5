# Takeaways in a container: built with Maven, run on a JRE as an unprivileged user (uid and gid 10001), on a read-only
# root filesystem if you like. docker compose up (see docker-compose.yml) runs it next to
# Postgres 17; the Helm chart in deploy/helm/takeaways runs it on Kubernetes.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first: they change less often than the code, so this layer is reused.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/takeaways-*-SNAPSHOT.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 takeaways \
 && useradd --system --create-home --uid 10001 --gid 10001 takeaways
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# The embedded database's data (only when no SPRING_DATASOURCE_URL is given).
RUN mkdir -p /app/data && chown 10001:10001 /app/data
# By number, not name: Kubernetes' runAsNonRoot can only check a numeric user.
USER 10001:10001
# With an external Postgres (SPRING_DATASOURCE_URL) everything the app writes goes under /tmp, so the root filesystem
# can be read-only (docker run --read-only --tmpfs /tmp:exec): Tomcat's work directory, exports being sent, and the
# embedding model's native libraries (ONNX Runtime's in java.io.tmpdir, the tokenizer's in DJL_CACHE_DIR, else
# ~/.djl.ai). They are loaded from there, so /tmp must allow exec, which Docker's --tmpfs does not by default.
ENV SERVER_PORT=3000 \
    DJL_CACHE_DIR=/tmp/djl
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health/liveness" > /dev/null || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Dfile.encoding=UTF-8", \
            "org.springframework.boot.loader.launch.JarLauncher"]
