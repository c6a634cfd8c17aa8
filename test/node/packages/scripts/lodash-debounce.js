// Timers that read Date.now(): the clock must move between event-loop tasks even when frozen.
// The throttle's wait is long so that no pause of a busy host between two calls can pass for it.
const _ = require("lodash");
const debounced = _.debounce((v) => console.log("debounced", v), 10);
debounced(1); debounced(2);
const throttled = _.throttle((v) => console.log("throttled", v), 300, { leading: true, trailing: true });
throttled("a"); throttled("b"); throttled("c");
setTimeout(() => { debounced(3); }, 30);
