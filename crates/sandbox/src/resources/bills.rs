//! Bills: enough of them in the demo for each statement job to have its own.

use crate::behaviour::Behaviour;
use crate::seed::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "bills",
    seed: Some(seed),
    ..Behaviour::NONE
};

fn seed(s: &mut Seeder) {
    if let Some(r) = m3ter_models::resource("bills") {
        s.generic(r, "", 12 + s.scale);
    }
}
