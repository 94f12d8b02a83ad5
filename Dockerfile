# Takeaways in a container: built with Maven, run on a JRE as an unprivileged user.
# docker compose up (see docker-compose.yml) runs it next to Postgres 17.

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
 && useradd --system --create-home --uid 10001 takeaways
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
RUN mkdir -p /app/data && chown takeaways /app/data
USER takeaways
ENV SERVER_PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health/liveness" > /dev/null || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Dfile.encoding=UTF-8", \
            "org.springframework.boot.loader.launch.JarLauncher"]
