import { Injectable } from '@nestjs/common';

/** The time jobs act at. One provider, so tests that drive jobs by hand pass their own `now` instead. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
