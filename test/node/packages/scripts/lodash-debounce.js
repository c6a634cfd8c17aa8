// Timers that read Date.now(): the clock must move between event-loop tasks even when frozen.
const _ = require("lodash");
const debounced = _.debounce((v) => console.log("debounced", v), 10);
debounced(1); debounced(2);
const throttled = _.throttle((v) => console.log("throttled", v), 20, { leading: true, trailing: true });
throttled("a"); throttled("b"); throttled("c");
setTimeout(() => { debounced(3); }, 30);
