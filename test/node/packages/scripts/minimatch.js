const { minimatch, Minimatch } = require("minimatch");
console.log(minimatch("bar.foo", "*.foo"), minimatch("a/b/c.js", "a/**/*.js"), minimatch(".x", "*"), minimatch("x.ts", "*.{js,jsx}"));
console.log(minimatch.match(["a.js", "b.ts", "c.md"], "*.+(js|ts)").join(","), new Minimatch("!*.md").negate, minimatch.braceExpand("a{1..3}").join(","));
