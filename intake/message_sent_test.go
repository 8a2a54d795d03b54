package intake

import "testing"

// A transfer e-message written after the routing sends the transfer, like
// a printed note: only a supervisor corrects the routing afterwards.
func TestTransferSentByMessage(t *testing.T) {
	events := []Event{{Kind: EventRouted}, {Kind: "message_written"}}
	if !TransferSent(events) {
		t.Error("a message written after the routing does not count as the transfer sent")
	}
	if TransferSent([]Event{{Kind: "message_written"}, {Kind: EventRouted}}) {
		t.Error("a message before the routing counts as sending it")
	}
}
