//! AXL4xx: connection settings of log shippers' outputs, which each program defaults its own
//! way (Fluent Bit's `http` output: port 80, no TLS).

pub(crate) mod fluent_bit_http_output;
