// Preloaded (node --require) into a measured process: at exit, writes its peak RSS in kB and its CPU time in µs (user + system) to $ERUDI_BENCH_RSS_FILE.
const { readFileSync, writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.ERUDI_BENCH_RSS_FILE;
  if (!file) return;
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? String(Math.round(process.resourceUsage().maxRSS));
  const cpu = process.cpuUsage();
  writeFileSync(file, `${kb} ${cpu.user + cpu.system}`);
});
