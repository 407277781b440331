// A FIFO of async jobs with at most `concurrency` running at once.
//
// Why: PGlite has exactly one connection, so two HTTP requests must never interleave their
// transactions on it. A pg Pool does not need this (the pool queues), but using the same queue
// with a higher concurrency keeps one code path and bounds the work in flight.

/**
 * @param {number} concurrency
 */
export function createQueue(concurrency = 1) {
	/** @type {Array<() => void>} */
	const waiting = [];
	let running = 0;

	/** Let the next job in, if there is room. */
	function pump() {
		while (running < concurrency && waiting.length > 0) {
			running++;
			const start = /** @type {() => void} */ (waiting.shift());
			start();
		}
	}

	return {
		/** Jobs waiting for a slot (not counting the running ones). */
		get pending() {
			return waiting.length;
		},
		get running() {
			return running;
		},
		/**
		 * Run `job` when a slot is free. The slot is held until the job's promise settles.
		 * @template T
		 * @param {() => Promise<T>} job
		 * @returns {Promise<T>}
		 */
		run(job) {
			return new Promise((resolve, reject) => {
				waiting.push(() => {
					Promise.resolve()
						.then(job)
						.then(resolve, reject)
						.finally(() => {
							running--;
							pump();
						});
				});
				pump();
			});
		}
	};
}
