const fse = require("fs-extra");
fse.outputFileSync("tmp-fse/a/b/file.txt", "hello");
fse.writeJsonSync("tmp-fse/data.json", { a: [1, 2] }, { spaces: 2 });
console.log(fse.readJsonSync("tmp-fse/data.json").a.length, fse.pathExistsSync("tmp-fse/a/b/file.txt"));
fse.copySync("tmp-fse/a", "tmp-fse/copy");
console.log(fse.readFileSync("tmp-fse/copy/b/file.txt", "utf8"));
fse.ensureDir("tmp-fse/x/y").then(() => fse.readdir("tmp-fse")).then((names) => { console.log(names.sort().join(",")); return fse.remove("tmp-fse"); }).then(() => console.log(fse.existsSync("tmp-fse")));
