import { run } from './main.js'

// The run closes what it opened. Should anything still hold the process once every output,
// annotation and the summary are written, it ends anyway: a step must never outlive its work.
void run().finally(() => setTimeout(() => process.exit(), 2000).unref())
