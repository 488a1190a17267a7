import { run } from './main.js'

// Not awaited at the top level: top-level await makes the bundle an async module, whose
// machinery costs start-up time. run() never rejects.
void run()
