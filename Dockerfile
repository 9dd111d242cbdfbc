# regard in a container: `docker build -t regard .`, then, in a folder of regard files,
# `docker run --rm -v "$PWD:/work" regard check`. See docs/ci.md.

# The build stage: the same toolchain the project is tested with.
FROM rust:1.95-slim-trixie AS build
WORKDIR /src
COPY . .
# The commit and date for `regard --version`, when the build is given them
# (`--build-arg REGARD_COMMIT=$(git rev-parse --short=9 HEAD)`); .git is not copied.
ARG REGARD_COMMIT=""
ARG REGARD_COMMIT_DATE=""
ENV REGARD_COMMIT=${REGARD_COMMIT} REGARD_COMMIT_DATE=${REGARD_COMMIT_DATE}
RUN cargo build --release --locked --bin regard \
 && cp target/release/regard /usr/local/bin/regard

# The final image: glibc and libgcc, no shell, no package manager (about 30 MB).
FROM gcr.io/distroless/cc-debian13
COPY --from=build /usr/local/bin/regard /usr/local/bin/regard
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/regard"]
CMD ["check", "."]
