#pragma once

#include <QLabel>

namespace concord {

class AnnotationSession;

// Above the case of a training comparison: first what it is, then, once the physician has rated all of it, the
// reference values with their explanations (plain text: they come from the study lead's file). Hidden otherwise.
class TrainingNotice final : public QLabel
{
public:
    explicit TrainingNotice(QWidget *parent = nullptr);
    void showFor(const AnnotationSession *session);
};

} // namespace concord
