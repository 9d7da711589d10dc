#pragma once
// Includes qcustomplot.h in targets built with QT_NO_KEYWORDS: QCustomPlot's header uses the
// `signals` and `foreach` keywords, so they are defined for the duration of the include only.
// Include this instead of <qcustomplot.h>, and only from .cpp files (moc never needs it).

#include <QtCore/qglobal.h>
#include <QtCore/qobjectdefs.h>

#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
#else
#include <qcustomplot.h>
#endif
