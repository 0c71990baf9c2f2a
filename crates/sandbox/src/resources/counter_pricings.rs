//! Counter pricings: the demo prices counters for plans and for plan templates (each pricing one
//! of the two, as m3ter requires).

use crate::behaviour::Behaviour;
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "counter-pricings",
    seed: Some(seed),
    seeds_after: &["plans", "plan-templates", "counters"],
    ..Behaviour::NONE
};

fn seed(s: &mut Seeder) {
    // Every third counter pricing is on a plan template.
    s.seed_either(
        "counter-pricings",
        &[(("planId", "plans"), ("planTemplateId", "plan-templates"), 3)],
    );
}
