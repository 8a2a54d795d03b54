// Package intake is the domain of the "En vei inn" mental-health reception:
// referrals and self-bookings, the roster and the random draw, the service
// catalogue, national identity numbers, the working-day calendar and the
// CSV interchange format.
//
// It has no SQL, no terminal and no clock or randomness of its own: callers
// pass "today" and a random source in, so every rule is testable in
// microseconds.
package intake
