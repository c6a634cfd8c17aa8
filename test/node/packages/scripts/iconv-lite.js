const iconv = require("iconv-lite");
const buf = iconv.encode("Привет €", "win1251");
console.log(buf.toString("hex"), iconv.decode(buf, "win1251"), iconv.decode(Buffer.from([0xe9, 0x74, 0xe9]), "latin1"));
console.log(iconv.encodingExists("shift_jis"), iconv.decode(iconv.encode("日本", "shift_jis"), "shift_jis"));
