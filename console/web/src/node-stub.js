// Stands in for Node's net, tls and crypto, which the driver's connection code requires but the
// console never calls: queries go over the console's own HTTP endpoint.
export default {};
