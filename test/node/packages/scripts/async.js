const async = require("async");
async.mapLimit([3, 1, 2], 2, async (x) => { await new Promise((r) => setTimeout(r, x)); return x * 2; }, (err, res) => console.log("mapLimit", err, JSON.stringify(res)));
async.waterfall([(cb) => cb(null, 1), (a, cb) => cb(null, a + 1)], (err, r) => console.log("waterfall", r));
async.series({ a: (cb) => setImmediate(cb, null, "A"), b: (cb) => cb(null, "B") }).then((r) => console.log("series", JSON.stringify(r)));
