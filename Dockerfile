# The app server for hosts that run containers (docs/deploy.md). Supabase is not in this image:
# the app talks to a hosted or self-hosted Supabase project through PUBLIC_SUPABASE_URL.
# Not built in this repository's CI (no container engine there): see docs/deploy.md.

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
# The build and the production dependencies only; no sources, tests or dev tools.
COPY --from=build --chown=node:node /app/build ./build
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json ./package.json
USER node
EXPOSE 3000
# Liveness (docs/deploy.md, "Operations"); orchestrators should use /readyz for traffic. SIGTERM
# (docker stop's signal) shuts down gracefully: give it more than SHUTDOWN_TIMEOUT (docker stop -t 40).
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# build/index.js sets BODY_SIZE_LIMIT's default (64M) before adapter-node loads.
CMD ["node", "build/index.js"]
