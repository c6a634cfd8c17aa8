import { Command, Option } from "commander";
const program = new Command();
program.name("tool").version("1.2.3").exitOverride().configureOutput({ writeOut: (s) => process.stdout.write("[out] " + s), writeErr: (s) => process.stdout.write("[err] " + s) });
program.option("-d, --debug", "debug output").option("-p, --port <n>", "port", (v) => parseInt(v, 10), 80).addOption(new Option("-m, --mode <m>").choices(["a", "b"]));
program.command("serve <dir>").description("serve a dir").option("--open").action((dir, opts) => console.log("serve", dir, JSON.stringify(opts)));
program.parse(["node", "tool", "-d", "--port", "8080", "serve", "public", "--open"]);
console.log(JSON.stringify(program.opts()));
program.outputHelp();
try { new Command().exitOverride().configureOutput({ writeErr: (s) => process.stdout.write("[err] " + s) }).option("-m, --mode <m>").parse(["node", "x", "--bogus"]); } catch (e) { console.log(e.code); }
