const qs = require("qs");
console.log(JSON.stringify(qs.parse("a[b][c]=d&e[]=1&e[]=2&f=%20x")));
console.log(qs.stringify({ a: { b: [1, 2], c: "x y" } }));
console.log(qs.stringify({ a: ["b", "c"] }, { arrayFormat: "brackets", encode: false }));
console.log(JSON.stringify(qs.parse("?a=1&b=2", { ignoreQueryPrefix: true })));
