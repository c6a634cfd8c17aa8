import pLimit from "p-limit";
const limit = pLimit(2);
let active = 0, peak = 0;
const task = (i) => limit(async () => { active++; peak = Math.max(peak, active); await new Promise((r) => setTimeout(r, 5)); active--; return i * 2; });
console.log(JSON.stringify(await Promise.all([1, 2, 3, 4, 5].map(task))), peak, limit.activeCount, limit.pendingCount);
