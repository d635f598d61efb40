# syntax=docker/dockerfile:1
#
# Virtual Visits Analytics: production image (Vaadin production bundle, no dev tools).
#
#   docker build -t virtual-visits-analytics .
#   docker run -p 8080:8080 \
#     -e SPRING_DATASOURCE_URL=jdbc:postgresql://db-host:5432/vva \
#     -e SPRING_DATASOURCE_USERNAME=vva \
#     -e SPRING_DATASOURCE_PASSWORD=... \
#     -e APP_BOOTSTRAP_ADMIN_PASSWORD=... \
#     virtual-visits-analytics
#
# In a container, always point SPRING_DATASOURCE_URL/_USERNAME/_PASSWORD at an external
# PostgreSQL. Without SPRING_DATASOURCE_URL the app falls back to its embedded PostgreSQL
# (with demo data) inside the container: good for a quick look only. That database lives
# in the container's writable layer (lost with the container), shares the container's
# memory limit with the JVM, and is not backed up or monitored.

ARG NODE_VERSION=22

# Node.js for the vaadin-maven-plugin: prepare-frontend needs it even when the committed
# src/main/bundles/prod.bundle is reused. Without it the plugin downloads Node from nodejs.org.
FROM node:${NODE_VERSION}-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-17 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
    && node --version && npm --version
WORKDIR /build
COPY .mvn .mvn
COPY pom.xml .
COPY db db
COPY frontend frontend
# src/main/bundles/prod.bundle, when committed and current, lets the build skip npm install + Vite.
COPY src src
# Dependency cache: the Maven repository is a BuildKit cache mount, kept between builds.
# The jar is then unpacked into Spring Boot layers (libraries change less often than our
# classes, and an unpacked jar starts faster); it is still started with java -jar.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -Pproduction -DskipTests package \
    && cp target/virtual-visits-analytics-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# Only for the embedded-database fallback (./data); the application files stay read-only.
RUN mkdir data && chown app:app data
USER 10001:10001

ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# curl ships with the eclipse-temurin images. Liveness only: UP once the web server accepts requests.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS "http://localhost:${SERVER_PORT:-8080}/actuator/health" > /dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
