/** Names of the processes module's jobs. */
export const ProcessJobs = {
  /** Runs the next job action of a transition's run. */
  RunStep: 'processes.run_step',
  /** Undoes the completed actions of a failed run, newest first. */
  Compensate: 'processes.compensate',
  /** Fires a timer-triggered transition if the instance is still where the timer was armed. */
  Timer: 'processes.timer',
} as const;
