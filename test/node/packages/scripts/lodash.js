const _ = require("lodash");
console.log(_.VERSION);
console.log(JSON.stringify(_.chunk([1, 2, 3, 4, 5], 2)));
console.log(JSON.stringify(_.groupBy(["one", "two", "three"], "length")));
console.log(JSON.stringify(_.merge({ a: { b: 1 } }, { a: { c: 2 } })));
console.log(_.template("hello <%= user %>!")({ user: "fred" }));
const clone = _.cloneDeep({ d: new Date(0), m: new Map([[1, { x: 1 }]]) });
console.log(clone.d.toISOString(), clone.m.get(1).x);
console.log(_.camelCase("Foo Bar-baz"), _.kebabCase("fooBarBaz"), _.isEqual({ a: [1] }, { a: [1] }));
