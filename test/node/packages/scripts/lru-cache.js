const { LRUCache } = require("lru-cache");
const cache = new LRUCache({ max: 3, dispose: (v, k, r) => console.log("dispose", k, v, r) });
["a", "b", "c"].forEach((k, i) => cache.set(k, i));
cache.get("a"); cache.set("d", 3);
console.log([...cache.keys()].join(","), cache.has("b"), cache.size);
