package intake

// PriorReferral is what the register form may say about another referral
// of the same national id while a new one is typed in: its ref, its state
// and its days, nothing of what it holds. Saying even that much is personal
// data, so the store logs each one it hands out as a lookup.
type PriorReferral struct {
	Ref      string
	State    State
	Received Date
	Closed   Date // the day it was routed or withdrawn; zero while open
}
