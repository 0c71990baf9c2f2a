//! Pricings: the demo prices aggregations and compound aggregations, for plans and plan templates
//! (each pricing one of each pair, as m3ter requires).

use crate::behaviour::Behaviour;
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "pricings",
    seed: Some(seed),
    seeds_after: &[
        "plans",
        "plan-templates",
        "aggregations",
        "compound-aggregations",
    ],
    ..Behaviour::NONE
};

fn seed(s: &mut Seeder) {
    // Every third pricing is on a plan template; every second prices a compound aggregation.
    s.seed_either(
        "pricings",
        &[
            (("planId", "plans"), ("planTemplateId", "plan-templates"), 3),
            (
                ("aggregationId", "aggregations"),
                ("compoundAggregationId", "compound-aggregations"),
                2,
            ),
        ],
    );
}
