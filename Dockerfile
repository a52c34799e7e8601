# One image for the four services and the embedded platform; APP selects which one runs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build --projects=registration,credit-supervision,evaluation,service-purchasing,platform \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/tools/runtime ./tools/runtime
COPY --from=build /app/tsconfig.base.json /app/package.json ./
ENV APP=platform
RUN mkdir -p /app/data && chown node:node /app/data
USER node
ENTRYPOINT ["sh", "-c", "exec node tools/runtime/run.js \"$APP\" \"$@\"", "--"]
