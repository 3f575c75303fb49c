#pragma once

#include "ui/tour/guidedtour.h"

namespace concord {

class AnnotationPage;
class DashboardPage;

// The first-run tours. Steps point at the page's own widgets and name its keys from the annotation shortcuts, so
// that the tour and the help overlay (F1) never disagree.
QVector<TourStep> annotationTour(const AnnotationPage &page);
QVector<TourStep> dashboardTour(const DashboardPage &page);

} // namespace concord
