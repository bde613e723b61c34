/** Entry point of `npm run db:bootstrap-sql`; declared in commands/db-bootstrap-sql.ts. */
import { dbBootstrapSqlCommand } from './commands/db-bootstrap-sql';
import { main } from './contract';

main(dbBootstrapSqlCommand);
