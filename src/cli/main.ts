// The captoken command-line tool (package bin). Everything lives in program.ts and commands/.
import { processIo } from './io.js';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), processIo());
// Exit once stdout has flushed: a module adapter may leave timers or sockets behind.
process.stdout.write('', () => process.exit(code));
