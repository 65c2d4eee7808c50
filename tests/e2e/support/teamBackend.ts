import { postgresBackend } from "../../../tools/postgres";

/**
 * A team's shared Pulumi backend: a new database on the test run's PostgreSQL server (globalSetup),
 * as `pulumi login postgres://…` names it. Each suite takes its own, so `pulumi stack ls --all`
 * shows its stacks alone.
 */
export function teamBackend(database: string): string {
  return postgresBackend(Number(process.env.LSP_E2E_POSTGRES_PORT), database);
}
