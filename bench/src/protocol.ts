/** Messages between the bench runner and a server it forked. */
export type ServerMessage = { type: 'listening'; port: number; platformKey?: string; platformKeys?: string[]; admin?: { email: string; password: string } } | { type: 'sqlCount'; count: number } | { type: 'error'; message: string };

/** Requests the runner sends to a forked server. */
export type RunnerMessage = { type: 'sqlCount' } | { type: 'stop' };
