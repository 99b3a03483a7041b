/**
 * The validated, typed configuration: what `src/config/load.ts` produces from
 * YAML and what every component receives. Durations are milliseconds (`*Ms`),
 * sizes are bytes (`*Bytes`/`max_size`), YAML keys are snake_case and map to
 * the camelCase fields below one to one. Defaults live in `defaults.ts`.
 *
 * Component ids are Collector-shaped: `type` or `type/name`
 * (`filelog`, `filelog/app`, `otlphttp/backup`).
 */
export {};
//# sourceMappingURL=types.js.map