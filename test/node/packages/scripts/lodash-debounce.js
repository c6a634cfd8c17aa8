const _ = require("lodash");
const debounced = _.debounce((v) => console.log("debounced", v), 10);
debounced(1); debounced(2);
