#pragma once

#include <QString>
#include <functional>

class QWidget;

namespace concord {

// Waits, with a window that stays responsive, while another program (an import or a merge from the command line)
// writes to the study: `stillWriting` is asked four times a second. Returns true once it is done, false when the
// study lead cancels or after `timeoutSeconds`. Nothing is shown when nobody else is writing.
bool waitWhileAnotherProgramWrites(QWidget *parent, const std::function<bool()> &stillWriting, int timeoutSeconds);

} // namespace concord
