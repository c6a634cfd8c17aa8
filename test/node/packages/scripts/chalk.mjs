import chalk, { Chalk, supportsColor } from "chalk";
console.log(chalk.level, supportsColor === false ? "no color" : supportsColor.level);
console.log(chalk.red("plain when no tty"));
const forced = new Chalk({ level: 1 });
console.log(JSON.stringify(forced.bold.red("x")), JSON.stringify(forced.hex("#ff0000")("y")));
