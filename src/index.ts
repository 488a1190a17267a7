import { run } from './main.js'

// The run closes all it opened once it has reported (main.ts), so the process ends with it.
void run()
