# Keyward's image: the WildFly runtime provisioned by the build, with keyward-server.war at / and
# keyward-admin.war at /admin. Build the inputs first (./keyward build); compose.yaml builds and runs the image
# next to PostgreSQL. .dockerignore limits the build context to exactly the three inputs below.
FROM eclipse-temurin:21-jre

RUN groupadd --system keyward \
 && useradd --system --gid keyward --home-dir /opt/keyward --no-create-home keyward \
 && mkdir -p /var/lib/keyward \
 && chown keyward:keyward /var/lib/keyward

COPY --chown=keyward:keyward server/target/wildfly /opt/keyward/wildfly
COPY --chown=keyward:keyward server/target/keyward-server.war admin-ui/target/keyward-admin.war /opt/keyward/wildfly/standalone/deployments/

# Production mode: PostgreSQL from KEYWARD_DB_URL, KEYWARD_DB_USER and KEYWARD_DB_PASSWORD (set by compose.yaml).
ENV KEYWARD_MODE=prod
# Files Keyward writes besides the database; mount a volume here.
ENV KEYWARD_DATA_DIR=/var/lib/keyward
# Lets standalone.sh forward SIGTERM from `docker stop` to WildFly, so it shuts down cleanly.
ENV LAUNCH_JBOSS_IN_BACKGROUND=1

USER keyward
EXPOSE 8080
VOLUME /var/lib/keyward

# Healthy when WildFly's readiness endpoint on the management interface (127.0.0.1:9990) answers 200: database,
# schema and signing key ready (bash's /dev/tcp: no curl needed).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9990 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

CMD ["/opt/keyward/wildfly/bin/standalone.sh", "-b", "0.0.0.0", "-Dkeyward.mode=prod", "-Dkeyward.db.driver=postgresql"]
