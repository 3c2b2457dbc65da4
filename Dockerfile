# Skyport's container image: a Swift builder stage that runs the same `make` targets as a developer's machine,
# and a slim runtime with the binary (Swift's standard library and Foundation linked in statically), its
# templates and resources, libxgboost, and a non-root user. See docs/deploy.md.
#
#   docker build -t skyport .
#   docker run -p 8080:8080 -v skyport-data:/app/data skyport      # embedded SQLite, every module
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
WORKDIR /build
# libxgboost-dev, libzint-dev and pkg-config, as `make deps` installs them everywhere.
COPY Makefile ./
RUN make deps
# Dependencies first, so that a change of Skyport's code does not fetch them again.
COPY Package.swift ./
RUN swift package resolve
COPY . .
RUN make release SWIFT_BUILD_FLAGS="--static-swift-stdlib" \
 && mkdir -p /staging \
 && cp .build/release/skyport /staging/ \
 && cp -R .build/release/*.resources /staging/

FROM ${RUNTIME_IMAGE}
# libxgboost0 runs the delay model; libzint2.11 draws boarding passes; ca-certificates for HTTPS webhooks and SMTP over TLS;
# tzdata for airports' local times.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libxgboost0 libzint2.11 ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin skyport \
 && mkdir -p /app/data && chown skyport:skyport /app/data
WORKDIR /app
COPY --from=build /staging/ /app/
COPY config /app/config
# The engine-life model's training data (NASA C-MAPSS FD001, checked by SHA-256 before use).
COPY data-sets /app/data-sets
USER 10001:10001
ENV SKYPORT_HTTP_HOST=0.0.0.0 \
    SKYPORT_HTTP_PORT=8080 \
    SKYPORT_DATA_DIR=/app/data
EXPOSE 8080
VOLUME ["/app/data"]
ENTRYPOINT ["/app/skyport"]
CMD ["serve"]
