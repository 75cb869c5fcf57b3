// Preloaded (node --require) into a measured process: at exit, writes its peak RSS in kB and its CPU time in µs (user + system) to $ERUDI_BENCH_RSS_FILE.
// The bench gives each run a new file name.
const { readFileSync, writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.ERUDI_BENCH_RSS_FILE;
  if (!file) return;
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? String(Math.round(process.resourceUsage().maxRSS));
  const cpu = process.cpuUsage();
  // A process that started another one with the same preload (bin/erudi-migrations.js) exits after it: the run's peak
  // is the larger of the two, its CPU time their sum.
  let [peak, used] = [Number(kb), cpu.user + cpu.system];
  try {
    const [childPeak, childCpu] = readFileSync(file, 'utf8').split(' ').map(Number);
    [peak, used] = [Math.max(peak, childPeak), used + childCpu];
  } catch {
    // The first (or only) process to finish.
  }
  writeFileSync(file, `${peak} ${used}`);
});
