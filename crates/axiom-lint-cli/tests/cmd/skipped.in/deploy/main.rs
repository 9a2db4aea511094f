// axiom client
fn main() {}
