import { runNumbers } from './main.js'

// The `numbers` action's entry (numbers/action.yml): it closes all it opened once it has reported.
void runNumbers()
