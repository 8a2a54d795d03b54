package message

import "os/exec"

func haveXmllint() bool {
	_, err := exec.LookPath("xmllint")
	return err == nil
}
