//! One module per subcommand; each owns its `Args` and `run`.

pub mod bench_code;
pub mod bench_dict;
pub mod bench_extract;
pub mod bench_nlp;
pub mod bench_raw;
pub mod code;
pub mod dict_check;
pub mod dict_who;
pub mod eval_petr;
pub mod extract;
pub mod eval_ud;
pub mod parse;
pub mod train;
pub mod util;
