// Package report computes the reception's reports — routing statistics
// for supervisors and funnel reports for pilot leads — and formats them
// once, for the command line and the console alike.
//
// The store hands over one Row per referral (no name, national id or ref);
// builders take the rows one at a time and keep only counters and day
// histograms, so memory does not grow with the number of referrals. Like
// intake, the package has no SQL, no terminal and no clock: "today" is
// passed in where a report needs it.
//
// Tables that leave the reception can be protected against small counts
// (MinCell): see suppress.go for the rule and why it is safe.
package report
